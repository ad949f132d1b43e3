using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BathroomAftersales.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkReportLines_Payer_WorkReportId",
                table: "WorkReportLines");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_SubmittedAt",
                table: "ServiceRequests");

            migrationBuilder.AddColumn<int>(
                name: "CompletionMinutes",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstCompletedAt",
                table: "ServiceRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseMinutes",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            // Backfill from the timeline and the stored times (new rows get these from the entity on every change).
            migrationBuilder.Sql(
                """
                UPDATE r SET
                    FirstCompletedAt = (SELECT MIN(e.At) FROM RequestEvents e
                        WHERE e.ServiceRequestId = r.Id
                          AND e.Kind IN ('Completed', 'WorkReportFiled', 'AnsweredRemotely')),
                    ResponseMinutes = CASE WHEN r.RespondedAt IS NULL THEN NULL
                        ELSE DATEDIFF_BIG(second, r.SubmittedAt, r.RespondedAt) / 60 END,
                    CompletionMinutes = CASE WHEN r.CompletedAt IS NULL THEN NULL
                        ELSE DATEDIFF_BIG(second, r.SubmittedAt, r.CompletedAt) / 60 END
                FROM ServiceRequests r;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkReportLines_WorkReportId_Payer_Amount",
                table: "WorkReportLines",
                columns: new[] { "WorkReportId", "Payer", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_CampaignId_AnsweredAt",
                table: "SurveyInvitations",
                columns: new[] { "CampaignId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CancelledAt",
                table: "ServiceRequests",
                column: "CancelledAt",
                filter: "\"CancelledAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_CustomerProductId",
                table: "ServiceRequests",
                columns: new[] { "ClosedAt", "Rating", "Type", "TechnicianId", "CustomerProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CompletedAt_CompletionDueAt_Type_TechnicianId_CompletionMinutes",
                table: "ServiceRequests",
                columns: new[] { "CompletedAt", "CompletionDueAt", "Type", "TechnicianId", "CompletionMinutes" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_FirstCompletedAt_ReopenCount",
                table: "ServiceRequests",
                columns: new[] { "FirstCompletedAt", "ReopenCount" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_RespondedAt",
                table: "ServiceRequests",
                column: "RespondedAt",
                filter: "\"RespondedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ResponseDueAt_RespondedAt_CancelledAt",
                table: "ServiceRequests",
                columns: new[] { "ResponseDueAt", "RespondedAt", "CancelledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_CustomerProductId",
                table: "ServiceRequests",
                columns: new[] { "SubmittedAt", "Type", "Priority", "ResponseMinutes", "CustomerProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt_ResolvedAt_ResolveBy",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "ResolvedAt", "ResolveBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkReportLines_WorkReportId_Payer_Amount",
                table: "WorkReportLines");

            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_CampaignId_AnsweredAt",
                table: "SurveyInvitations");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CancelledAt",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_CustomerProductId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CompletedAt_CompletionDueAt_Type_TechnicianId_CompletionMinutes",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_FirstCompletedAt_ReopenCount",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_RespondedAt",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_ResponseDueAt_RespondedAt_CancelledAt",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_CustomerProductId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt_ResolvedAt_ResolveBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CompletionMinutes",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "FirstCompletedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ResponseMinutes",
                table: "ServiceRequests");

            migrationBuilder.CreateIndex(
                name: "IX_WorkReportLines_Payer_WorkReportId",
                table: "WorkReportLines",
                columns: new[] { "Payer", "WorkReportId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_SubmittedAt",
                table: "ServiceRequests",
                column: "SubmittedAt");
        }
    }
}
