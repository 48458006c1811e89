using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecretsOutOfAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Calendar tokens used to be written into the audit trail with every change of an officer: the trail now
            // keeps only that a token changed (Domain/SecretAttribute), and the tokens already there are masked.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"Before\" = CASE WHEN \"Before\"::jsonb ->> 'CalendarToken' IS NOT NULL THEN jsonb_set(\"Before\"::jsonb, '{CalendarToken}', '\"•••\"')::text ELSE \"Before\" END, \"After\" = CASE WHEN \"After\"::jsonb ->> 'CalendarToken' IS NOT NULL THEN jsonb_set(\"After\"::jsonb, '{CalendarToken}', '\"•••\"')::text ELSE \"After\" END WHERE \"Entity\" = 'Instructor' AND (\"Before\" LIKE '%CalendarToken%' OR \"After\" LIKE '%CalendarToken%');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
