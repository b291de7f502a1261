using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Pages.Staff.Authority;

namespace BreachPortal.Tests.Pages.Staff.Authority;

/// <summary>The authority forms' values as typed, read into the record's types; what cannot be read names its field.</summary>
public sealed class AuthorityFormBinderTests
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    private readonly AuthorityFormBinder _form = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(AuthorityFormBinder.Unknown)]
    public void Choice_NotKnownYet_IsNullWithoutError(string? value)
    {
        Assert.Null(_form.Choice<BreachCertainty>("Certainty", value));
        Assert.Empty(_form.Errors);
    }

    [Fact]
    public void Choice_OneOfTheNames_IsThatValue()
    {
        Assert.Equal(BreachCertainty.Suspected, _form.Choice<BreachCertainty>("Certainty", "Suspected"));
        Assert.Empty(_form.Errors);
    }

    [Theory]
    [InlineData("suspected")]
    [InlineData("2")]
    [InlineData(" Suspected")]
    [InlineData("Established, Suspected")]
    public void Choice_AnythingButAName_IsRefusedNamingTheField(string value)
    {
        Assert.Null(_form.Choice<BreachCertainty>("Certainty", value));
        Assert.Equal([new AuthorityFormError("Certainty", AuthorityFormProblem.Choice)], _form.Errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(AuthorityFormBinder.Unknown)]
    [InlineData("1")]
    public void Required_NoName_IsRefused(string? value)
    {
        Assert.Null(_form.Required<AuthorityNotificationKind>("Kind", value));
        Assert.Equal("Kind: Choice", Assert.Single(_form.Errors).ToString());
    }

    [Fact]
    public void Required_AName_IsThatValue() =>
        Assert.Equal(AuthorityNotificationKind.Complementary, _form.Required<AuthorityNotificationKind>("Kind", "Complementary"));

    [Theory]
    [InlineData(AuthorityFormBinder.Yes, true)]
    [InlineData(AuthorityFormBinder.No, false)]
    [InlineData(AuthorityFormBinder.Unknown, null)]
    [InlineData("", null)]
    public void Answer_TheFormsAnswers_AreRead(string value, bool? expected)
    {
        Assert.Equal(expected, _form.Answer("Ongoing", value));
        Assert.Empty(_form.Errors);
    }

    [Fact]
    public void Answer_Other_IsRefusedNamingTheField()
    {
        Assert.Null(_form.Answer("Ongoing", "oui"));
        Assert.Equal([new AuthorityFormError("Ongoing", AuthorityFormProblem.Choice)], _form.Errors);
    }

    [Fact]
    public void Flags_TickedOnes_AreCombined_NothingTickedIsNone_AndNotKnownYetIsNull()
    {
        Assert.Equal(BreachOrigins.Hacking | BreachOrigins.Phishing, _form.Flags<BreachOrigins>("Origins", ["Phishing", "Hacking"]));
        Assert.Equal(BreachOrigins.None, _form.Flags<BreachOrigins>("Origins", []));
        Assert.Null(_form.Flags<BreachOrigins>("Origins", [AuthorityFormBinder.Unknown]));
        Assert.Empty(_form.Errors);
    }

    [Fact]
    public void Flags_NotKnownYetWithAnswers_OrAnUnknownFlag_IsRefused()
    {
        Assert.Null(_form.Flags<BreachOrigins>("Origins", [AuthorityFormBinder.Unknown, "Phishing"]));
        Assert.Null(_form.Flags<BreachTypes>("Types", ["Phishing"]));
        Assert.Null(_form.Flags<BreachOrigins>("Origins", ["None"]));

        Assert.Equal(
            [
                new AuthorityFormError("Origins", AuthorityFormProblem.UnknownAndItems),
                new AuthorityFormError("Types", AuthorityFormProblem.Choice),
                new AuthorityFormError("Origins", AuthorityFormProblem.Choice),
            ],
            _form.Errors);
    }

    [Theory]
    [InlineData("12345", 12345L)]
    [InlineData("12 345", 12345L)]
    [InlineData("1\u00A0000\u202F000", 1000000L)]
    [InlineData("-5", -5L)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Number_WholeNumbersWithOrWithoutSeparators_AreRead(string? value, long? expected)
    {
        Assert.Equal(expected, _form.Number("ApproximatePeople", value));
        Assert.Empty(_form.Errors);
    }

    [Theory]
    [InlineData("beaucoup")]
    [InlineData("12,5")]
    [InlineData("99999999999999999999")]
    public void Number_NotAWholeNumber_IsRefusedNamingTheField(string value)
    {
        Assert.Null(_form.Number("ApproximateRecords", value));
        Assert.Equal([new AuthorityFormError("ApproximateRecords", AuthorityFormProblem.Number)], _form.Errors);
    }

    [Fact]
    public void Date_EachPrecision_IsReadInParisTime()
    {
        Assert.Equal(IncidentDate.Year(2024), _form.Date("Started", "Year", "2024-06-15", null));
        Assert.Equal(IncidentDate.Month(2024, 6), _form.Date("Started", "Month", "2024-06-15", null));
        Assert.Equal(IncidentDate.Day(2024, 6, 15), _form.Date("Started", "Day", " 2024-06-15 ", "10:00"));
        Assert.Equal(IncidentDate.Exact(new DateTimeOffset(2024, 3, 8, 13, 30, 0, TimeSpan.Zero)), _form.Date("Detected", "Exact", "2024-03-08", "14:30"));
        Assert.Equal(IncidentDate.Exact(new DateTimeOffset(2024, 6, 15, 8, 0, 5, TimeSpan.Zero)), _form.Date("Detected", "Exact", "2024-06-15", "10:00:05"));
        Assert.Empty(_form.Errors);
    }

    [Theory]
    [InlineData("Unknown")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Fortnight")]
    public void Date_NoPrecision_IsNotKnownYet_WhateverTheDate(string? precision)
    {
        Assert.Equal(IncidentDate.Unknown, _form.Date("Ended", precision, "pas une date", null));
        Assert.Empty(_form.Errors);
    }

    [Theory]
    [InlineData("Day", "08/03/2024", null, AuthorityFormProblem.DateInvalid)]
    [InlineData("Exact", "", "14:30", AuthorityFormProblem.DateInvalid)]
    [InlineData("Exact", "2024-03-08", null, AuthorityFormProblem.TimeInvalid)]
    [InlineData("Exact", "2024-03-08", "14h30", AuthorityFormProblem.TimeInvalid)]
    [InlineData("Exact", "2024-03-31", "02:30", AuthorityFormProblem.TimeSkipped)]
    public void Date_Unreadable_IsNotKnownYet_AndRefusedNamingTheField(string precision, string date, string? time, AuthorityFormProblem problem)
    {
        Assert.Equal(IncidentDate.Unknown, _form.Date("Detected", precision, date, time));
        Assert.Equal([new AuthorityFormError("Detected", problem)], _form.Errors);
    }

    [Theory]
    [InlineData("2024-03-08T14:30", "2024-03-08T13:30:00Z")]
    [InlineData("2024-07-14T09:05:30", "2024-07-14T07:05:30Z")]
    [InlineData(" 2024-11-02 18:00 ", "2024-11-02T17:00:00Z")]
    public void Instant_ParisTimeInAnAcceptedFormat_IsThatInstant(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), _form.Instant("SentAt", value, Formats));
        Assert.Empty(_form.Errors);
    }

    [Theory]
    [InlineData("hier", AuthorityFormProblem.TimeInvalid)]
    [InlineData(null, AuthorityFormProblem.TimeInvalid)]
    [InlineData("2024-03-08", AuthorityFormProblem.TimeInvalid)]
    [InlineData("2024-03-31T02:30", AuthorityFormProblem.TimeSkipped)]
    public void Instant_Unreadable_IsRefusedNamingTheField(string? value, AuthorityFormProblem problem)
    {
        Assert.Null(_form.Instant("SentAt", value, Formats));
        Assert.Equal([new AuthorityFormError("SentAt", problem)], _form.Errors);
    }

    [Fact]
    public void Errors_OfSeveralFields_AreAllKept_InTheOrderTheyWereRead()
    {
        _form.Number("ApproximatePeople", "beaucoup");
        _form.Choice<BreachCause>("Cause", "Martians");
        _form.Date("Started", "Exact", "2024-03-08", "");

        Assert.Equal(["ApproximatePeople: Number", "Cause: Choice", "Started: TimeInvalid"], _form.Errors.Select(e => e.ToString()));
    }
}
