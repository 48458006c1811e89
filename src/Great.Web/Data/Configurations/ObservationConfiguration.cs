using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> e)
    {
        e.Property(x => x.ObserverUserId).HasMaxLength(FieldLengths.Email);
        e.Property(x => x.ObserverName).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.ActivitiesSeen).HasMaxLength(FieldLengths.Label * 2);
        e.Property(x => x.Strengths).HasMaxLength(FieldLengths.Notes);
        e.Property(x => x.Suggestions).HasMaxLength(FieldLengths.Notes);
        e.Ignore(x => x.ActivityNumbersSeen);
        e.HasIndex(x => x.ObservedInstructorId);
        e.HasIndex(x => x.ObserverInstructorId);
        e.HasOne(x => x.Delivery).WithMany(x => x.Observations).HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.ObservedInstructor).WithMany().HasForeignKey(x => x.ObservedInstructorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ObserverInstructor).WithMany().HasForeignKey(x => x.ObserverInstructorId).OnDelete(DeleteBehavior.Restrict);
    }
}
