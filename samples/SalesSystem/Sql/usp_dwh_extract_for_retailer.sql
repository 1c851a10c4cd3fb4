-- The extraction for one retailer's contracts, last-resort supply excluded: correct when the caller binds the own code.
CREATE PROCEDURE usp_dwh_extract_for_retailer
    @retailer TEXT
AS
BEGIN
    INSERT INTO dwh_extract (name, address, contract_kind)
    SELECT name, address, contract_kind FROM customers
    WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT'
END
