using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Benchmarks;
using BathroomAftersales.Web.Data.Generation;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Files;
using BathroomAftersales.Web.Infrastructure.Localization;
using BathroomAftersales.Web.Infrastructure.Notifications;
using BathroomAftersales.Web.Infrastructure.Reports;
using BathroomAftersales.Web.Infrastructure.Surveys;
using FluentValidation;

var glibc = NativeHeap.KeepLessFreedMemory();
var builder = WebApplication.CreateBuilder(args);

// No "Server: Kestrel" header: nothing tells a visitor what the app runs on.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.AddAppLogging();
builder.AddAppDatabase();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<LocalClock>();
builder.Services.AddScoped<RequestNumberAllocator>();
builder.Services.AddScoped<CurrentCustomer>();
builder.Services.AddScoped<CurrentTechnician>();
builder.Services.AddSingleton<SurveyTokens>();
builder.Services.AddScoped<SurveyInvitations>();
builder.Services.AddScoped<SurveyAnswering>();
builder.Services.AddScoped<ServiceLevelPolicyProvider>();
builder.Services.AddSingleton<ServiceLevelPolicyCache>();
builder.Services.AddScoped<ComplaintDeadlinesProvider>();
builder.Services.AddScoped<Scorecard>();
builder.Services.AddScoped<QuarterlyReport>();
builder.Services.AddSingleton<ReportCache>();
builder.Services.AddScoped<ReportSnapshotStore>();
builder.Services.AddSingleton<ReportWarmup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportWarmup>());
builder.Services.AddScoped(sp => sp.GetRequiredService<ServiceLevelPolicyProvider>().Current());
builder.Services.AddAppNotifications(builder.Configuration);
builder.Services.AddSingleton<PhotoStore>();
// Freed native memory goes back to the system every few seconds (ADR 0024).
if (glibc)
{
    builder.Services.AddHostedService<NativeHeapTrimmer>();
}

builder.Services.AddAppLocalization();
builder.Services.AddAppIdentity();
builder.Services.AddAppDataProtection();
// One instance of each validator: building one compiles its rules, and they hold nothing per request (messages are
// looked up in the request's language when a rule fails).
builder.Services.AddValidatorsFromAssemblyContaining<SharedResource>(ServiceLifetime.Singleton);
builder.Services.AddAppPages();
builder.Services.AddAppRateLimiting();
builder.Services.AddAppHealthChecks();

var app = builder.Build();

await app.Services.PrepareDatabaseAsync();
if (AdminCommand.IsRequested(args))
{
    return await AdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
}

if (GenerateDataCommand.IsRequested(args))
{
    return await GenerateDataCommand.RunAsync(app.Services, args, Console.Out);
}

if (BenchmarkAccountsCommand.IsRequested(args))
{
    return await BenchmarkAccountsCommand.RunAsync(app.Services, Console.Out);
}

if (BenchmarkCommand.IsRequested(args))
{
    return await BenchmarkCommand.RunAsync(app.Services, args, Console.Out);
}

if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Seed:DemoData", true))
{
    await DemoData.SeedAsync(app.Services);
}

app.UseAppPipeline();
app.MapAppHealthChecks();
app.MapFileEndpoints();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;
