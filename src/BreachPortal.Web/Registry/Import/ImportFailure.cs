namespace BreachPortal.Web.Registry.Import;

/// <summary>Why a whole file was refused; nothing of it reached the registry.</summary>
public enum ImportFailure
{
    UnknownIncident,
    EmptyFile,
    NoHeader,
    MissingRequiredColumn,
    DuplicateColumn,
    HeaderOnly,
    SameFileAlreadyImported,
    Cancelled,
    Interrupted,
    UnexpectedError,
}
