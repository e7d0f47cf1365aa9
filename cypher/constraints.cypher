// The names of the constraints that exist (schema.cypher creates the missing ones).
SHOW CONSTRAINTS YIELD name
RETURN name
