using BathroomAftersales.Domain.Common;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>The four address fields of a form (省 / 市 / 区 / 街道门牌), bound as Input.Address.*.</summary>
public sealed class AddressInput
{
    public string? Province { get; set; }

    public string? City { get; set; }

    public string? District { get; set; }

    public string? Street { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Province) && string.IsNullOrWhiteSpace(City)
        && string.IsNullOrWhiteSpace(District) && string.IsNullOrWhiteSpace(Street);

    public static AddressInput From(Address? address) => address is null
        ? new AddressInput()
        : new AddressInput { Province = address.Province, City = address.City, District = address.District, Street = address.Street };

    public Address? ToAddress() => IsEmpty ? null : new Address(Province!, City!, District!, Street!);

    public sealed class Validator : AbstractValidator<AddressInput>
    {
        public Validator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Province)
                .NotEmpty().WithMessage(_ => localizer["Please enter the province."])
                .MaximumLength(Address.PartMaxLength).WithMessage(_ => localizer["At most {0} characters.", Address.PartMaxLength]);
            RuleFor(x => x.City)
                .NotEmpty().WithMessage(_ => localizer["Please enter the city."])
                .MaximumLength(Address.PartMaxLength).WithMessage(_ => localizer["At most {0} characters.", Address.PartMaxLength]);
            RuleFor(x => x.District)
                .NotEmpty().WithMessage(_ => localizer["Please enter the district."])
                .MaximumLength(Address.PartMaxLength).WithMessage(_ => localizer["At most {0} characters.", Address.PartMaxLength]);
            RuleFor(x => x.Street)
                .NotEmpty().WithMessage(_ => localizer["Please enter the street address."])
                .MaximumLength(Address.StreetMaxLength).WithMessage(_ => localizer["At most {0} characters.", Address.StreetMaxLength]);
        }
    }
}
