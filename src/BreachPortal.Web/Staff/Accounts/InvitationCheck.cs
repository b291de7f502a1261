namespace BreachPortal.Web.Staff.Accounts;

/// <summary>What an enrolment link is worth when someone opens it.</summary>
public enum InvitationState
{
    Valid,
    Unknown,
    Expired,
    AlreadyUsed,
    Superseded,
    AccountDisabled,
}

public sealed record InvitationCheck(InvitationState State, StaffInvitation? Invitation, StaffUser? User)
{
    public bool IsValid => State == InvitationState.Valid;
}
