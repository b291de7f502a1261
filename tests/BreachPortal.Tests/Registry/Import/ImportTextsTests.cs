using System.Globalization;
using System.Reflection;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.Import.Csv;
using BreachPortal.Web.Registry.Normalisation;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Import;

public sealed class ImportTextsTests(PortalApp app) : IClassFixture<PortalApp>
{
    public static TheoryData<string> Cultures => new() { "fr", "en" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryRejectReason_HasAText(string culture)
    {
        var texts = Texts(culture);

        Assert.All(AllReasonCodes(), code =>
        {
            var text = texts.Reject(code);
            Assert.False(text.StartsWith(ImportTexts.RejectPrefix, StringComparison.Ordinal), $"{code} has no text in {culture}");
        });
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryFileFailure_HasATextNamingTheColumns(string culture)
    {
        var texts = Texts(culture);

        Assert.All(Enum.GetValues<ImportFailure>(), failure =>
            Assert.False(texts.Failure(failure, []).StartsWith(ImportTexts.FailurePrefix, StringComparison.Ordinal), $"{failure} has no text in {culture}"));
        Assert.Contains("prenom", texts.Failure(ImportFailure.MissingRequiredColumn, [RegistryColumn.FirstName]), StringComparison.Ordinal);
        Assert.Contains("nir, nom, prenom", texts.Failure(ImportFailure.NoHeader, []), StringComparison.Ordinal);
    }

    private static IEnumerable<string> AllReasonCodes() =>
        typeof(RejectReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(RejectReasons.WholeLine))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enum.GetValues<NirReason>().Select(r => RejectReasons.Of(r)))
            .Concat(Enum.GetValues<FranceTravailIdReason>().Select(r => RejectReasons.Of(r)))
            .Concat(Enum.GetValues<EmailAddressReason>().Select(r => RejectReasons.Of(r)))
            .Concat(Enum.GetValues<PhoneNumberReason>().Select(r => RejectReasons.Of(r)))
            .Concat(Enum.GetValues<DateOfBirthReason>().Select(r => RejectReasons.Of(r)))
            .Concat(Enum.GetValues<PostalCodeReason>().Select(r => RejectReasons.Of(r)));

    private ImportTexts Texts(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return app.Factory.Services.GetRequiredService<ImportTexts>();
    }
}
