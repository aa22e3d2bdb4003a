SELECT set_pop_wards(ARRAY[$1::bigint])
