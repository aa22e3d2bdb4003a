DELETE FROM councillor_wards WHERE user_id = $1
