using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class StudentConsentConfiguration : IEntityTypeConfiguration<StudentConsent>
{
    public void Configure(EntityTypeBuilder<StudentConsent> e)
    {
        e.HasIndex(x => new { x.StudentId, x.Kind }).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.RecordedBy).HasMaxLength(FieldLengths.Name);
        e.HasOne(x => x.Student).WithMany(x => x.Consents).OnDelete(DeleteBehavior.Cascade);
    }
}
