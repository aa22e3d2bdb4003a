-- Whether a UK local time given by the form is in the last year and not in the future (five minutes' grace for clocks).
SELECT ($1::timestamp AT TIME ZONE 'Europe/London') > now() + interval '5 minutes' AS future,
       ($1::timestamp AT TIME ZONE 'Europe/London') < now() - interval '1 year' AS too_old
