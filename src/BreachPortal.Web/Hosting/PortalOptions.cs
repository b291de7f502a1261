namespace BreachPortal.Web.Hosting;

/// <summary>What differs between deployments of the portal: who runs it and where.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string AgencyName { get; set; } = "";

    /// <summary>The address people type to reach the portal, as written in emails (enrolment links, notifications).</summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>Shown on every page when the data is demonstration data.</summary>
    public bool DemoBanner { get; set; }

    public LegalNoticeOptions LegalNotice { get; set; } = new();
}

public sealed class LegalNoticeOptions
{
    public string Publisher { get; set; } = "";

    public string PublicationDirector { get; set; } = "";

    public string Host { get; set; } = "";

    /// <summary>Where visitors write about accessibility or the site itself (postal or email address).</summary>
    public string Contact { get; set; } = "";

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(Publisher) && !string.IsNullOrWhiteSpace(PublicationDirector)
        && !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Contact);
}
