using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstructorCertification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RenewedOn",
                table: "Certifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "Certifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrainingId",
                table: "Certifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Trainings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstructorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Course = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Trainers = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trainings_Instructors_InstructorId",
                        column: x => x.InstructorId,
                        principalTable: "Instructors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_TrainingId",
                table: "Certifications",
                column: "TrainingId");

            migrationBuilder.CreateIndex(
                name: "IX_Trainings_InstructorId",
                table: "Trainings",
                column: "InstructorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Certifications_Trainings_TrainingId",
                table: "Certifications",
                column: "TrainingId",
                principalTable: "Trainings",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Certifications_Trainings_TrainingId",
                table: "Certifications");

            migrationBuilder.DropTable(
                name: "Trainings");

            migrationBuilder.DropIndex(
                name: "IX_Certifications_TrainingId",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "RenewedOn",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "TrainingId",
                table: "Certifications");
        }
    }
}
