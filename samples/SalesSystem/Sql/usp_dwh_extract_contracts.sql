-- The extraction through the view contract_extract (schema.sql), whose definition applies the whole policy: it needs no
-- listing under sanctionedViews, RetailGuard proves it.
CREATE PROCEDURE usp_dwh_extract_contracts
AS
BEGIN
    INSERT INTO dwh_extract (name, address, contract_kind)
    SELECT name, address, contract_kind FROM contract_extract
END
