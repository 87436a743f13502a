-- What a format says of an artifact it stored itself (a Spark Dataset as Parquet, an MLlib model):
-- its location, and for a Dataset its schema, rows and bytes. JSON keeps the keys in their order.
ALTER TABLE artifacts ADD COLUMN details JSON NOT NULL DEFAULT '{}';
