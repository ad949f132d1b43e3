using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BathroomAftersales.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArchiveProblems",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "MergedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            // Existing records: the missing-address and missing-mobile checks in SQL; the format checks (phone, email,
            // house number) apply from each record's next change (ArchiveRules).
            migrationBuilder.Sql(
                """
                UPDATE "Customers" SET "ArchiveProblems" =
                    (CASE WHEN "Street" IS NULL THEN 1 ELSE 0 END)
                    + (CASE WHEN "Mobile" IS NULL AND "Kind" = 'Individual' THEN 4 ELSE 0 END);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Landline",
                table: "Customers",
                column: "Landline");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_MergedIntoId_ArchiveProblems_Id",
                table: "Customers",
                columns: new[] { "MergedIntoId", "ArchiveProblems", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Customers_Customers_MergedIntoId",
                table: "Customers",
                column: "MergedIntoId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Customers_Customers_MergedIntoId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Landline",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_MergedIntoId_ArchiveProblems_Id",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ArchiveProblems",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MergedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Customers");
        }
    }
}
