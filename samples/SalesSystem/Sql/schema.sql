-- The shared tables of the sales system (SQLite). own_customers is the sanctioned view; contract_extract applies the
-- same filter and is proven by its definition.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    retailer_code TEXT NOT NULL,
    contract_kind TEXT NOT NULL,
    supply_point_id TEXT NOT NULL,
    contract_kw INTEGER NOT NULL,
    usage_kwh INTEGER NOT NULL,
    corporate INTEGER NOT NULL,
    water_heater INTEGER NOT NULL
);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, amount INTEGER NOT NULL, paid INTEGER NOT NULL);
CREATE TABLE generators (id INTEGER PRIMARY KEY, name TEXT NOT NULL, purchaser_code TEXT NOT NULL, receiving_point_id TEXT NOT NULL);
CREATE TABLE nw_eforms (id INTEGER PRIMARY KEY, title TEXT NOT NULL, generator_name TEXT NOT NULL, reading_date TEXT NOT NULL);
CREATE TABLE sales_forms (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE dwh_extract (name TEXT NOT NULL, address TEXT NOT NULL, contract_kind TEXT NOT NULL);
CREATE VIEW own_customers AS
    SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';
CREATE VIEW contract_extract AS
    SELECT name, address, contract_kind FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';
