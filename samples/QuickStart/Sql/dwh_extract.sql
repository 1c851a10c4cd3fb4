-- Data-warehouse extraction for machine matching (incident 6): every retailer's customers end up in the file.
INSERT INTO dwh_match_input (name, address, contract_kind)
SELECT name, address, contract_kind
FROM customers;

-- Corrected: own retailer only, last-resort supply excluded.
INSERT INTO dwh_match_input (name, address, contract_kind)
SELECT name, address, contract_kind
FROM customers
WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';
