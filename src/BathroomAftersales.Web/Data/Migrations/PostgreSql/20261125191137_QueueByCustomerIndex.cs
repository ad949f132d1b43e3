using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BathroomAftersales.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QueueByCustomerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CustomerId_QueueRank_QueueDueAt_Id",
                table: "ServiceRequests",
                columns: new[] { "CustomerId", "QueueRank", "QueueDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_CustomerId_QueueRank_QueueDueAt_Id",
                table: "ServiceRequests");
        }
    }
}
