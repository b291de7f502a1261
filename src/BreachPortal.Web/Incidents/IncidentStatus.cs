namespace BreachPortal.Web.Incidents;

public enum IncidentStatus
{
    UnderInvestigation = 0,
    Contained = 1,
    Closed = 2,
}
