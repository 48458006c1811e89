using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisabledNotLockedOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Accounts used to be disabled with a lockout until 9999; disabling is now its own rule (GreatSignInManager),
            // so a re-enabled account must not stay locked.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = NULL WHERE \"IsDisabled\" = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
