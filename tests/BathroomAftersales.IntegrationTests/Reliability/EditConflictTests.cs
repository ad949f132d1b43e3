using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Reliability;

/// <summary>
/// Every staff and administration edit form: two people open the same record, the second saves first; the first one's
/// save is refused with a clear message instead of overwriting (or failing with a 500), and the second one's change stays.
/// </summary>
public sealed class EditConflictTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>An edit form: who uses it, how to get a record to edit (its page URL), the field both people change and two values.</summary>
    private sealed record EditForm(
        DemoAccount Account, Func<AppFactory, Task<string>> OpenRecord, string Field, string Mine, string Theirs, string Message = Changed);

    private const string Changed = "This record was changed meanwhile. Please review and save again.";

    private static readonly Dictionary<string, EditForm> Forms = new()
    {
        ["Staff/Customers/Edit"] = new(
            Accounts.Agent,
            async f => $"/Staff/Customers/Edit/{Invariant((await f.CreateCustomerAsync()).Id)}",
            "Input.Notes", "客户希望上午上门。", "客户希望下午上门。"),
        ["Staff/Training/Edit"] = new(
            Accounts.Manager,
            async f => $"/Staff/Training/Edit/{Invariant(await CreateTrainingAsync(f))}",
            "Input.Topic", "恒温花洒安装培训", "智能马桶保养培训",
            "Someone changed this event after you opened the page. Nothing was saved; please reload and try again."),
        ["Staff/Settings/ServiceLevels"] = new(
            Accounts.Manager, _ => Task.FromResult("/Staff/Settings/ServiceLevels"), "Input.ResponseHours", "30", "20"),
        ["Staff/Settings/Complaints"] = new(
            Accounts.Manager, _ => Task.FromResult("/Staff/Settings/Complaints"), "Input.AcknowledgeHours", "30", "20"),
        ["Admin/Catalog/Models/Edit"] = new(
            Accounts.Manager,
            async f => $"/Admin/Catalog/Models/Edit/{Invariant(await f.QueryAsync(db => db.ProductModels.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync()))}",
            "Input.Name", "冲突测试型号甲", "冲突测试型号乙"),
        ["Admin/Catalog/Parts/Edit"] = new(
            Accounts.Manager,
            async f => $"/Admin/Catalog/Parts/Edit/{Invariant(await f.QueryAsync(db => db.Parts.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()))}",
            "Input.Name", "冲突测试零件甲", "冲突测试零件乙"),
        ["Admin/Technicians/Edit"] = new(
            Accounts.Manager,
            async f => $"/Admin/Technicians/Edit/{Invariant(await f.CreateTechnicianAsync("冲突测试师傅"))}",
            "Input.Name", "冲突测试师傅甲", "冲突测试师傅乙"),
    };

    public static TheoryData<string> EditForms => [.. Forms.Keys];

    [Theory]
    [MemberData(nameof(EditForms))]
    public async Task A_form_opened_before_someone_else_saved_is_refused_with_a_message_and_their_change_stays(string page)
    {
        var form = Forms[page];
        var url = await form.OpenRecord(factory);
        using var mine = factory.CreateBrowser();
        using var theirs = factory.CreateBrowser();
        await mine.SignInAsync(form.Account);
        await theirs.SignInAsync(form.Account);

        // I open the form; someone else opens it too and saves first.
        var (opened, document) = await mine.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var stale = Browser.FindForm(document, opened.RequestMessage!.RequestUri!, [form.Field]);
        using var theirSave = await theirs.SubmitFormAsync(url, new Dictionary<string, string?> { [form.Field] = form.Theirs });
        Assert.True(theirSave.StatusCode == HttpStatusCode.Redirect, $"{page}: the first save answered {(int)theirSave.StatusCode}: {string.Join(" | ", (await theirSave.ReadDocumentAsync()).ErrorMessages())}");

        // My save, from the form as it was before theirs: told, not applied.
        using var mySave = await mine.SubmitAsync(stale.Fill(new Dictionary<string, string?> { [form.Field] = form.Mine }));
        Assert.Equal(HttpStatusCode.OK, mySave.StatusCode);
        Assert.Contains(factory.InChinese(form.Message), (await mySave.ReadDocumentAsync()).ErrorMessages());

        var (reopened, now) = await theirs.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal(form.Theirs, Browser.FindForm(now, reopened.RequestMessage!.RequestUri!, [form.Field]).Value(form.Field));
    }

    [Fact]
    public async Task A_technician_profile_saved_at_the_same_moment_as_another_save_is_refused_by_the_database()
    {
        // Both saves passed the form's check (each read the profile before the other wrote): the version in the UPDATE
        // still lets only the first one through.
        var id = await factory.CreateTechnicianAsync("同时保存师傅");
        await using var first = factory.OpenDb();
        await using var second = factory.OpenDb();
        var mine = await first.Db.Technicians.SingleAsync(t => t.Id == id);
        var theirs = await second.Db.Technicians.SingleAsync(t => t.Id == id);

        theirs.Rename("同时保存师傅乙", null);
        await second.Db.SaveChangesAsync();
        mine.Rename("同时保存师傅甲", null);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.Db.SaveChangesAsync());
        Assert.Equal("同时保存师傅乙", await factory.QueryAsync(db => db.Technicians.Where(t => t.Id == id).Select(t => t.Name).SingleAsync()));
    }

    private static async Task<int> CreateTrainingAsync(AppFactory factory)
    {
        var now = factory.Now();
        var start = now + TimeSpan.FromDays(10);
        await using var scope = factory.OpenDb();
        var training = TrainingEvent.Plan("冲突测试培训", null, start, start.AddHours(1), null, "https://meeting.example.com/c", 20, now);
        scope.Db.TrainingEvents.Add(training);
        await scope.Db.SaveChangesAsync();
        return training.Id;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
