using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    private const int TitleMaxLength = 200;
    private const int TextMaxLength = 8000;

    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents", t =>
        {
            t.HasCheckConstraint("ck_incidents_reference_format", "reference ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'");
            t.HasCheckConstraint("ck_incidents_exposed_not_exposed_disjoint", "exposed_data & not_exposed_data = 0");
            t.HasCheckConstraint("ck_incidents_estimated_people_positive", "estimated_people >= 0");
        });
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).UseIdentityAlwaysColumn();
        builder.Property(i => i.Reference).HasMaxLength(Incident.ReferenceMaxLength);
        builder.HasIndex(i => i.Reference).IsUnique();

        Localized(builder.ComplexProperty(i => i.Title), TitleMaxLength);
        Localized(builder.ComplexProperty(i => i.Summary), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.Vector), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.LikelyConsequences), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.Measures), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.DpoContact), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.TimelineNote!), TextMaxLength);
        Localized(builder.ComplexProperty(i => i.PeopleNote!), TextMaxLength);

        Dated(builder.ComplexProperty(i => i.Started));
        Dated(builder.ComplexProperty(i => i.Ended));
        Dated(builder.ComplexProperty(i => i.Detected));
        Dated(builder.ComplexProperty(i => i.AuthorityNotified));
        Dated(builder.ComplexProperty(i => i.Disclosed));

        builder.Property(i => i.ExposedData).HasConversion<long>();
        builder.Property(i => i.NotExposedData).HasConversion<long>();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(i => i.AuthorityNotificationTimeliness);
    }

    private static void Localized(ComplexPropertyBuilder<LocalizedText> text, int maxLength)
    {
        text.Property(t => t.Fr).HasMaxLength(maxLength);
        text.Property(t => t.En).HasMaxLength(maxLength);
    }

    private static void Dated(ComplexPropertyBuilder<IncidentDate> date)
    {
        date.Property(d => d.At);
        date.Property(d => d.Precision).HasConversion<string>().HasMaxLength(16);
        date.Ignore(d => d.IsKnown);
        date.Ignore(d => d.End);
    }
}
