-- Incident 6, as it was: the data-warehouse extraction for machine matching copies every retailer's customers.
-- (SQLite has no procedures: the sample runs the statements after AS as the SQL they are.)
CREATE PROCEDURE usp_dwh_extract_all
AS
BEGIN
    INSERT INTO dwh_extract (name, address, contract_kind)
    SELECT name, address, contract_kind FROM customers
END
