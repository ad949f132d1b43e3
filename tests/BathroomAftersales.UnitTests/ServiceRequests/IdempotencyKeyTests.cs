using System.Globalization;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Pages.Portal.Requests;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>
/// The key that makes a double-clicked or resubmitted 报修 form create one request: the form must carry one, and the
/// request keeps the one it was submitted with so the next copy of the form can find it.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private const string Expired = "The form has expired. Please open it again.";

    private readonly NewModel.InputValidator _validator = new(new KeyLocalizer());

    [Fact]
    public void A_form_without_a_key_is_refused_as_expired()
    {
        var result = _validator.Validate(ValidInput(Guid.Empty));

        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(NewModel.InputModel.IdempotencyKey), error.PropertyName);
        Assert.Equal(Expired, error.ErrorMessage);
    }

    [Fact]
    public void A_form_with_a_new_key_is_accepted()
    {
        var result = _validator.Validate(ValidInput(Guid.NewGuid()));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_submitted_request_keeps_the_key_of_its_form()
    {
        var key = Guid.NewGuid();

        var request = Submit(key);

        Assert.Equal(key, request.IdempotencyKey);
    }

    [Fact]
    public void A_request_made_without_a_form_has_no_key()
    {
        var request = Submit(idempotencyKey: null);

        Assert.Null(request.IdempotencyKey);
    }

    private static NewModel.InputModel ValidInput(Guid key) => new()
    {
        IdempotencyKey = key,
        Type = RequestType.Repair,
        Description = "马桶水箱一直漏水",
        Address = AddressInput.From(RequestScenario.Home),
    };

    private static ServiceRequest Submit(Guid? idempotencyKey) =>
        ServiceRequest.Submit(
            RequestNumber.Format(new DateOnly(2026, 11, 25), 1),
            customerId: 1,
            product: null,
            RequestType.Repair,
            RequestChannel.Web,
            RequestPriority.Normal,
            "马桶水箱一直漏水",
            RequestScenario.Home,
            ServiceLevelPolicy.Default,
            RequestScenario.Customer,
            RequestScenario.Start.UtcDateTime,
            idempotencyKey);

    /// <summary>Answers every text with its own key (formatted), so a test reads the message the page asked for.</summary>
    private sealed class KeyLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
