-- The raw layer: append-only tables written only by `planwatch ingest` (one transaction per file).
-- Nothing here is ever updated or deleted; a corrected figure is a new row in a new load.
-- dbt reads these through models/staging/_raw__sources.yml.
create schema if not exists raw;

create table if not exists raw.loads (
    load_id         varchar primary key,   -- e.g. 20261015T093012-3f2a9c1b (received time + file hash)
    file_name       varchar not null,       -- the name the file was submitted under
    file_sha256     varchar not null unique,-- the same file twice is recognised by this
    archive_path    varchar not null,       -- relative to $PLANWATCH_HOME: archive/<sha256>.<ext>
    agency_code     varchar not null,       -- --agency CODE
    received_at     timestamp not null,     -- when planwatch accepted it (PLANWATCH_TODAY-aware)
    indicator_rows  integer not null,
    task_rows       integer not null,
    is_sample       boolean not null,       -- built from synthetic data ("DỮ LIỆU MẪU")
    planwatch_version varchar not null,
    number_style    varchar                -- how its numbers were read (--number-style): auto, vi, plain;
                                           -- rebuild reads the archived file the same way
);

create table if not exists raw.indicator_values (
    load_id         varchar not null references raw.loads (load_id),
    row_no          integer not null,       -- row in the submitted file
    sheet           varchar not null default '',  -- workbook sheet; '' for a CSV
    indicator_code  varchar not null,
    period          varchar not null,       -- canonical: 2026, 2026-Q3, 2026-03, 2026-YTD09
    period_type     varchar not null,       -- year, quarter, month, ytd
    value           double not null,        -- in the catalogue unit; rates in percent (13.2 = 13,2%)
    value_text      varchar not null,       -- the cell exactly as submitted
    unit            varchar not null,
    status          varchar not null,       -- uoc_tinh, so_bo, chinh_thuc
    note            varchar,
    submitted_value double,                 -- the figure in the unit the department wrote (2.4 …)
    submitted_unit  varchar,                -- … and that unit as written ("Triệu tỷ đồng"); value is canonical
    warning         varchar,                -- what the analyst was told on accepting it (ambiguous number
                                            -- read by the Vietnamese rule, a flagged figure confirmed)
    primary key (load_id, row_no, sheet)
);

-- Migration of warehouses created before these columns existed (rows loaded then keep NULL there).
alter table raw.loads add column if not exists number_style varchar;
alter table raw.indicator_values add column if not exists submitted_value double;
alter table raw.indicator_values add column if not exists submitted_unit varchar;
alter table raw.indicator_values add column if not exists warning varchar;

create table if not exists raw.task_updates (
    load_id         varchar not null references raw.loads (load_id),
    row_no          integer not null,
    sheet           varchar not null default '',  -- workbook sheet; '' for a CSV
    task_code       varchar not null,
    state           varchar not null,       -- chua_trien_khai, dang_trien_khai, hoan_thanh
    state_date      date not null,
    evidence        varchar,                -- e.g. "Quyết định số 4111/QĐ-UBND ngày 17/10/2025"
    note            varchar,
    primary key (load_id, row_no, sheet)
);
