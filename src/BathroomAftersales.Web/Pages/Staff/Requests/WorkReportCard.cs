using BathroomAftersales.Web.Infrastructure.WorkReports;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>What the desk's work report card needs: the report, the request's version for the override forms, and whether the reader may override.</summary>
public sealed record WorkReportCard(int RequestId, Guid Version, WorkReportView Report, bool CanOverride);
