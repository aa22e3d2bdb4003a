SELECT image FROM resident_report_photos WHERE report_id = $1 AND ordinal = $2
