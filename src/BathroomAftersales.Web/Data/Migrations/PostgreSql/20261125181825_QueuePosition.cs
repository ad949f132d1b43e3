using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BathroomAftersales.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QueuePosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDueAt",
                table: "ServiceRequests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<int>(
                name: "QueueRank",
                table: "ServiceRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing requests take their place in the queue: the same rule as ServiceRequest.UpdateQueuePosition.
            migrationBuilder.Sql(
                """
                UPDATE "ServiceRequests" SET
                    "QueueRank" = CASE
                        WHEN "Status" IN ('Closed', 'Cancelled') THEN 2
                        WHEN "Priority" = 'Emergency' THEN 0
                        ELSE 1 END,
                    "QueueDueAt" = CASE WHEN "RespondedAt" IS NULL THEN "ResponseDueAt" ELSE "CompletionDueAt" END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_QueueRank_QueueDueAt_Id",
                table: "ServiceRequests",
                columns: new[] { "QueueRank", "QueueDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_QueueRank_QueueDueAt_Id",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "QueueDueAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "QueueRank",
                table: "ServiceRequests");
        }
    }
}
