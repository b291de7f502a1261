namespace BreachPortal.Web.Staff.Audit;

/// <summary>
/// What an audit event records. Numbered in blocks by subject, so that later features add values
/// without renumbering: the number is part of each row's hash and must never change.
/// </summary>
public enum AuditEventType
{
    SignInSucceeded = 1000,
    SignInFailed = 1001,
    SignInLockedOut = 1002,
    SignInRefused = 1003,
    SignedOut = 1004,
    SessionCookieRejected = 1005,

    SecondFactorFailed = 1100,
    SecondFactorReplayRefused = 1101,
    RecoveryCodeUsed = 1102,
    SecondFactorEnrolled = 1103,
    SecondFactorReset = 1104,
    RecoveryCodesRegenerated = 1105,

    AccountCreated = 1200,
    InvitationSent = 1201,
    InvitationAccepted = 1202,
    InvitationRefused = 1203,
    RoleGranted = 1204,
    RoleRevoked = 1205,
    AccountDisabled = 1206,
    AccountEnabled = 1207,
    PasswordChanged = 1208,
    PhoneCodeSent = 1209,
    PhoneCodeRejected = 1210,
    PhoneVerified = 1211,
    PhoneRemoved = 1212,

    AuditLogExported = 1300,

    RecordViewThresholdCrossed = 1400,

    PersonRecordViewed = 2000,
    PersonLookupFoundNothing = 2001,

    RegistryImported = 2100,
    RegistryImportFailed = 2101,

    RegistryPurged = 2200,

    TemplateVersionSaved = 3000,
    TemplateDefaultsSeeded = 3001,

    CampaignCreated = 3100,
    CampaignApproved = 3101,
    CampaignStarted = 3102,
    CampaignPaused = 3103,
    CampaignResumed = 3104,
    CampaignCancelled = 3105,
    CampaignFinished = 3106,
    CampaignLedgerWritten = 3107,
    CampaignTestSent = 3110,

    FakeMessageReportsViewed = 4000,
    FakeMessageReportReviewed = 4001,
    CitizenAbuseCountersViewed = 4002,

    AuthorityRecordViewed = 5000,
    AuthorityRecordUpdated = 5001,
    AuthorityNotificationRecorded = 5002,
    Art33ReportViewed = 5010,
    Art33ReportExported = 5011,
    Art34EvidenceViewed = 5020,
    Art34EvidenceExported = 5021,
}
