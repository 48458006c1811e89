using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.SuspensionReason).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.RevocationReason).HasMaxLength(FieldLengths.Reason);
        e.HasOne(x => x.Training).WithMany().OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.InstructorId, x.ComponentCode });
        e.HasIndex(x => x.ExpiresOn);
        e.HasOne(x => x.Instructor).WithMany(x => x.Certifications).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Mentor).WithMany().HasForeignKey(x => x.MentorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SignOffObservation).WithMany().HasForeignKey(x => x.SignOffObservationId).OnDelete(DeleteBehavior.SetNull);
    }
}
