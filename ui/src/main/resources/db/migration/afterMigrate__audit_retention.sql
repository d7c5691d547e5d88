-- At every start, as the owner: how long audit rows are kept (homefirst.retention.audit, an ISO 8601
-- period such as P8Y). The application's role cannot change it (V70).
update audit_retention set keep = cast('${audit_retention}' as interval) where keep <> cast('${audit_retention}' as interval);
