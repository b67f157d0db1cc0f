"""The public search index: AgreementSearchEntry, plus each database's full-text structure.

SQLite: two FTS5 tables over the entry table (external content), kept in sync by triggers.
PostgreSQL: the `unaccent` extension (trusted since PostgreSQL 13, so the database owner may
create it; otherwise create it once as superuser), three text search configurations with
unaccent before their dictionaries, generated tsvector columns with GIN indexes, and the
`registry_search_query` function that turns search terms into a tsquery.
agreements/search/sqlite.py and agreements/search/postgresql.py query them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

ENTRY = "agreements_agreementsearchentry"
FTS = "agreements_search_fts"
COLUMNS = [
    "reference",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "parties_en",
    "parties_fr",
    "responsibilities_en",
    "responsibilities_fr",
]
TITLES = "agreements_search_titles_fts"
TITLE_COLUMNS = ["title_en", "title_fr"]
TOKENIZER = "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'"


def _fts_table(name, columns):
    return f"""CREATE VIRTUAL TABLE {name} USING fts5(
        {", ".join(columns)}, content='{ENTRY}', content_rowid='agreement_id', {TOKENIZER}
    )"""


def _fts_insert(name, columns):
    values = ", ".join(f"new.{column}" for column in columns)
    return f"INSERT INTO {name}(rowid, {', '.join(columns)}) VALUES (new.agreement_id, {values});"


def _fts_delete(name, columns):
    values = ", ".join(f"old.{column}" for column in columns)
    return (
        f"INSERT INTO {name}({name}, rowid, {', '.join(columns)}) "
        f"VALUES ('delete', old.agreement_id, {values});"
    )


# Two FTS5 tables read the entry table (external content): every text column, and the two
# titles alone, so that "which title holds every term" is answered from a small index.
SQLITE_INSTALL = [
    _fts_table(FTS, COLUMNS),
    _fts_table(TITLES, TITLE_COLUMNS),
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRY} BEGIN
        {_fts_insert(FTS, COLUMNS)}
        {_fts_insert(TITLES, TITLE_COLUMNS)}
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRY} BEGIN
        {_fts_delete(FTS, COLUMNS)}
        {_fts_delete(TITLES, TITLE_COLUMNS)}
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRY} BEGIN
        {_fts_delete(FTS, COLUMNS)}
        {_fts_delete(TITLES, TITLE_COLUMNS)}
        {_fts_insert(FTS, COLUMNS)}
        {_fts_insert(TITLES, TITLE_COLUMNS)}
    END""",
]
SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TABLE IF EXISTS {TITLES}",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _words(config, column):
    # Punctuation becomes a space before PostgreSQL's parser sees the text, so that it cuts
    # words as SQLite's tokenizer and agreements.search.terms do: "SNB-2021-004" is three
    # words, not "snb" and the negative numbers -2021 and -004.
    return f"to_tsvector('{config}', regexp_replace({column}, '[[:punct:]]+', ' ', 'g'))"


def _weighted(config, column, weight):
    return f"setweight({_words(config, column)}, '{weight}')"


DOCUMENT = " || ".join(
    [
        _weighted("registry_en", "title_en", "A"),
        _weighted("registry_fr", "title_fr", "A"),
        _weighted("registry_simple", "reference", "B"),
        _weighted("registry_en", "parties_en", "B"),
        _weighted("registry_fr", "parties_fr", "B"),
        _weighted("registry_en", "summary_en", "C"),
        _weighted("registry_fr", "summary_fr", "C"),
        _weighted("registry_en", "responsibilities_en", "D"),
        _weighted("registry_fr", "responsibilities_fr", "D"),
    ]
)
CONFIGURATIONS = [
    ("registry_en", "pg_catalog.english", "english_stem"),
    ("registry_fr", "pg_catalog.french", "french_stem"),
    ("registry_simple", "pg_catalog.simple", "simple"),
]
# Each term becomes the OR of its distinct lexemes in the three configurations (`:*` on the
# last term when `prefix`); the terms are ANDed. A term either language drops as a stop word is
# left out; NULL, which matches nothing, comes back when no term is left. Lexemes are quoted
# with quotes and backslashes doubled, as tsquery input requires.
SEARCH_QUERY_FUNCTION = r"""
CREATE FUNCTION registry_search_query(terms text[], prefix boolean) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    result tsquery;
    english text[];
    french text[];
    alternatives text;
    n integer := coalesce(array_length(terms, 1), 0);
BEGIN
    FOR i IN 1..n LOOP
        english := tsvector_to_array(to_tsvector('registry_en', terms[i]));
        french := tsvector_to_array(to_tsvector('registry_fr', terms[i]));
        CONTINUE WHEN cardinality(english) = 0 OR cardinality(french) = 0;
        SELECT string_agg(
                   chr(39) || replace(replace(lexeme, chr(92), chr(92) || chr(92)),
                                      chr(39), chr(39) || chr(39)) || chr(39)
                   || CASE WHEN prefix AND i = n THEN ':*' ELSE '' END,
                   ' | ' ORDER BY lexeme)
          INTO alternatives
          FROM (SELECT DISTINCT unnest(
                    english || french
                    || tsvector_to_array(to_tsvector('registry_simple', terms[i]))) AS lexeme
               ) AS distinct_lexemes;
        result := CASE WHEN result IS NULL THEN ('(' || alternatives || ')')::tsquery
                       ELSE result && ('(' || alternatives || ')')::tsquery END;
    END LOOP;
    RETURN result;
END
$$
"""
POSTGRESQL_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, copy, dictionary in CONFIGURATIONS
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}",
        )
    ),
    SEARCH_QUERY_FUNCTION,
    f"""ALTER TABLE {ENTRY}
        ADD COLUMN title_en_vector tsvector
            GENERATED ALWAYS AS ({_words("registry_en", "title_en")}) STORED,
        ADD COLUMN title_fr_vector tsvector
            GENERATED ALWAYS AS ({_words("registry_fr", "title_fr")}) STORED,
        ADD COLUMN document_vector tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED""",
    # Narrow rows, so that reading matches visits few pages: long values go to TOAST, except
    # the two small title vectors, which stay in the row (STORAGE MAIN).
    f"ALTER TABLE {ENTRY} SET (toast_tuple_target = 256)",
    f"ALTER TABLE {ENTRY} ALTER COLUMN title_en_vector SET STORAGE MAIN",
    f"ALTER TABLE {ENTRY} ALTER COLUMN title_fr_vector SET STORAGE MAIN",
    # No statistics, so the planner always reads matches from the GIN indexes (see
    # agreements/search/postgresql.py for why).
    *(
        f"ALTER TABLE {ENTRY} ALTER COLUMN {column} SET STATISTICS 0"
        for column in ("title_en_vector", "title_fr_vector", "document_vector")
    ),
    # fastupdate off: each write updates the index itself, instead of a pending list that
    # every search would scan until the next VACUUM. Writes are rare; searches are not.
    *(
        f"CREATE INDEX agreements_search_{column}_gin ON {ENTRY} USING gin ({column}) "
        "WITH (fastupdate = off)"
        for column in ("title_en_vector", "title_fr_vector", "document_vector")
    ),
]
POSTGRESQL_UNINSTALL = [
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS document_vector, "
    "DROP COLUMN IF EXISTS title_fr_vector, DROP COLUMN IF EXISTS title_en_vector",
    "DROP FUNCTION IF EXISTS registry_search_query(text[], boolean)",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name, _copy, _dict in CONFIGURATIONS),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


install = _run({"sqlite": SQLITE_INSTALL, "postgresql": POSTGRESQL_INSTALL})
uninstall = _run({"sqlite": SQLITE_UNINSTALL, "postgresql": POSTGRESQL_UNINSTALL})


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0006_add_agreement_version_pdfs'),
    ]

    operations = [
        migrations.CreateModel(
            name='AgreementSearchEntry',
            fields=[
                ('agreement', models.OneToOneField(help_text='The agreement this entry lets the public find.', on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='agreements.agreement')),
                ('reference', models.CharField(db_index=True, help_text="The agreement's reference number, e.g. SNB-2021-004.", max_length=40)),
                ('title_en', models.TextField(blank=True, help_text='Title in English.')),
                ('title_fr', models.TextField(blank=True, help_text='Title in French.')),
                ('summary_en', models.TextField(blank=True, help_text="Summary in English, with the agreement's type and service areas.")),
                ('summary_fr', models.TextField(blank=True, help_text="Summary in French, with the agreement's type and service areas.")),
                ('parties_en', models.TextField(blank=True, help_text="In English: the parties' names and acronyms, their governments and the governing body.")),
                ('parties_fr', models.TextField(blank=True, help_text="In French: the parties' names and acronyms, their governments and the governing body.")),
                ('responsibilities_en', models.TextField(blank=True, help_text="In English: each obligation's text, service standard and accountable office.")),
                ('responsibilities_fr', models.TextField(blank=True, help_text="In French: each obligation's text, service standard and accountable office.")),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When this entry was last rebuilt.')),
                ('version', models.ForeignKey(help_text='The published version the text below was taken from.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agreements.agreementversion')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
