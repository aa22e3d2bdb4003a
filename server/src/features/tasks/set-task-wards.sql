SELECT set_task_wards(ARRAY[$1::bigint])
