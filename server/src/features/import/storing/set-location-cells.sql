UPDATE locations l
   SET h3_res6 = c.res6, h3_res7 = c.res7, h3_res8 = c.res8, h3_res9 = c.res9, h3_res10 = c.res10, h3_res11 = c.res11
  FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
       AS c (id, res6, res7, res8, res9, res10, res11)
 WHERE l.id = c.id
