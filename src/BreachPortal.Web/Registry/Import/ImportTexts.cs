using System.Globalization;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Registry.Import.Csv;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Registry.Import;

/// <summary>The words for import failures and reject reasons, in the current UI culture.</summary>
public sealed class ImportTexts(IStringLocalizer<SharedResource> localizer)
{
    public const string RejectPrefix = "Registry.Reject.";
    public const string FailurePrefix = "Registry.Failure.";

    public string Reject(string reasonCode) => localizer[RejectPrefix + reasonCode];

    public string Failure(ImportFailure failure, IReadOnlyList<RegistryColumn> missing) =>
        string.Format(
            CultureInfo.CurrentCulture,
            localizer[FailurePrefix + failure],
            string.Join(", ", missing.Select(RegistryColumns.NameOf)),
            string.Join(", ", RegistryColumns.Required.Select(RegistryColumns.NameOf)));
}
