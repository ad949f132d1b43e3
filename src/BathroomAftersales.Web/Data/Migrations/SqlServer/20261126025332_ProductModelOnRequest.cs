using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BathroomAftersales.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProductModelOnRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_CustomerProductId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_CustomerProductId",
                table: "ServiceRequests");

            migrationBuilder.AddColumn<int>(
                name: "ProductModelId",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            // Every request about a registered product takes that product's model; neither ever changes afterwards.
            migrationBuilder.Sql(
                """
                UPDATE r SET r.[ProductModelId] = p.[ProductModelId] FROM [ServiceRequests] AS r INNER JOIN [CustomerProducts] AS p ON p.[Id] = r.[CustomerProductId];
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_ProductModelId",
                table: "ServiceRequests",
                columns: new[] { "ClosedAt", "Rating", "Type", "TechnicianId", "ProductModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ProductModelId",
                table: "ServiceRequests",
                column: "ProductModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_ProductModelId",
                table: "ServiceRequests",
                columns: new[] { "SubmittedAt", "Type", "Priority", "ResponseMinutes", "ProductModelId" });

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceRequests_ProductModels_ProductModelId",
                table: "ServiceRequests",
                column: "ProductModelId",
                principalTable: "ProductModels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ServiceRequests_ProductModels_ProductModelId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_ProductModelId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_ProductModelId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_ProductModelId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ProductModelId",
                table: "ServiceRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ClosedAt_Rating_Type_TechnicianId_CustomerProductId",
                table: "ServiceRequests",
                columns: new[] { "ClosedAt", "Rating", "Type", "TechnicianId", "CustomerProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_SubmittedAt_Type_Priority_ResponseMinutes_CustomerProductId",
                table: "ServiceRequests",
                columns: new[] { "SubmittedAt", "Type", "Priority", "ResponseMinutes", "CustomerProductId" });
        }
    }
}
