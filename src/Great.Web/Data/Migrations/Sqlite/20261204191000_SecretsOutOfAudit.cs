using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecretsOutOfAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Calendar tokens used to be written into the audit trail with every change of an officer: the trail now
            // keeps only that a token changed (Domain/SecretAttribute), and the tokens already there are masked.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"Before\" = CASE WHEN json_valid(\"Before\") AND json_extract(\"Before\", '$.CalendarToken') IS NOT NULL THEN json_set(\"Before\", '$.CalendarToken', '•••') ELSE \"Before\" END, \"After\" = CASE WHEN json_valid(\"After\") AND json_extract(\"After\", '$.CalendarToken') IS NOT NULL THEN json_set(\"After\", '$.CalendarToken', '•••') ELSE \"After\" END WHERE \"Entity\" = 'Instructor' AND (\"Before\" LIKE '%CalendarToken%' OR \"After\" LIKE '%CalendarToken%');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
