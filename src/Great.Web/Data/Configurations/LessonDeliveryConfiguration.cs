using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class LessonDeliveryConfiguration : IEntityTypeConfiguration<LessonDelivery>
{
    public void Configure(EntityTypeBuilder<LessonDelivery> e)
    {
        e.Property(x => x.Notes).HasMaxLength(FieldLengths.Notes);
        e.Ignore(x => x.ChangeReason);
        // A lesson is recorded at most once per class.
        e.HasIndex(x => new { x.ClassId, x.LessonNumber }).IsUnique();
        // A record sent twice from a phone is one record.
        e.HasIndex(x => x.PhoneId).IsUnique();
        e.HasIndex(x => x.InstructorId);
        // A report counts the lessons of a period and the officers who taught them from this index alone.
        e.HasIndex(x => new { x.TaughtOn, x.ClassId, x.InstructorId });
        e.HasOne(x => x.Class).WithMany(x => x.Deliveries).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Instructor).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ActivitiesDone).HasMaxLength(FieldLengths.Label * 2);
        e.Ignore(x => x.HasDosage);
        e.Ignore(x => x.ActivityNumbersDone);
        e.Ignore(x => x.Adherence);
    }
}
