using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class SubjectRequestConfiguration : IEntityTypeConfiguration<SubjectRequest>
{
    public void Configure(EntityTypeBuilder<SubjectRequest> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Details).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.Outcome).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.RecordedBy).HasMaxLength(FieldLengths.Name);
        e.HasIndex(x => x.ClosedOn);
        e.HasIndex(x => x.StudentId);
        e.HasOne(x => x.Student).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.IsOpen);
    }
}
