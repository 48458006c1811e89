using Great.Web.Curriculum;
using Great.Web.Domain;

namespace Great.UnitTests.Domain;

/// <summary>Dosage on a lesson record, who may observe, what an observation must hold, and the provisional → active path.</summary>
public class FidelityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly LocalizedText Text = new("x", "x");
    private static readonly Lesson Plan = new(2, Text, Text, [Text], 45,
        [new("Warm-up", "Calentamiento"), new("Sort", "Clasificar"), new("Game", "Juego"), new("Talk", "Conversación")]);

    private static readonly Dictionary<RubricPart, int> Good = new()
    {
        [RubricPart.Preparation] = 3, [RubricPart.Engagement] = 4, [RubricPart.ClassroomManagement] = 3, [RubricPart.ContentAccuracy] = 4,
    };

    private static Instructor Officer(int id, int regionId, CertificationLevel level, bool signedOff = true, string component = "ELEM")
    {
        var officer = new Instructor
        {
            Id = id, GivenName = "Officer", FamilyName = id.ToString(), BadgeNumber = $"B{id}", Email = $"o{id}@example.org",
            Agency = new Agency { Id = regionId * 10, RegionId = regionId, Name = "Agency" }, AgencyId = regionId * 10,
        };
        // Granted as it stands in the test: signed off or still waiting for its mentor, whatever its level.
        officer.Certifications.Add(new Certification
        {
            Instructor = officer, InstructorId = id, ComponentCode = component, Level = level, TrainedOn = new(2025, 1, 10), CertifiedOn = new(2025, 1, 20),
            ExpiresOn = new(2028, 1, 20), RequiresMentoring = !signedOff,
        });
        return officer;
    }

    private static (SchoolClass Class, LessonDelivery Delivery) Recorded(Instructor officer)
    {
        var schoolClass = LessonRecordingTests.ClassWithStudents(out _, out _, out _);
        schoolClass.AssignInstructors(officer, null, Today);
        var delivery = schoolClass.RecordLesson(2, 6, new DateOnly(2026, 3, 10), officer, Today, new HashSet<int> { 1 }, null, DateTimeOffset.UnixEpoch,
            dosage: Dosage.For(Plan, 40, [1, 2, 4]));
        return (schoolClass, delivery);
    }

    [Fact]
    public void Should_keep_minutes_and_activities_with_the_plan_they_were_measured_against()
    {
        var (_, delivery) = Recorded(LessonRecordingTests.Officer());
        Assert.True(delivery.HasDosage);
        Assert.Equal((40, 45, "1,2,4", 3, 4), (delivery.MinutesTaught, delivery.MinutesPlanned, delivery.ActivitiesDone, delivery.ActivitiesDoneCount, delivery.ActivitiesPlanned));
        Assert.Equal(0.75, delivery.Adherence);
        Assert.Equal(new HashSet<int> { 1, 2, 4 }, delivery.ActivityNumbersDone);

        delivery.Correct(delivery.TaughtOn, null, Today, new HashSet<int>(), null, Dosage.For(Plan, 45, Plan.AllActivities));
        Assert.Equal((45, "1,2,3,4", 1.0), (delivery.MinutesTaught, delivery.ActivitiesDone, delivery.Adherence));
    }

    [Theory]
    [InlineData(0, new[] { 1 }, ClassRule.MinutesOutOfRange)]
    [InlineData(241, new[] { 1 }, ClassRule.MinutesOutOfRange)]
    [InlineData(45, new[] { 1, 5 }, ClassRule.NoSuchActivity)]
    [InlineData(45, new[] { 0 }, ClassRule.NoSuchActivity)]
    public void Should_refuse_dosage_outside_the_lesson_and_record_nothing(int minutes, int[] activities, ClassRule expected)
    {
        var schoolClass = LessonRecordingTests.ClassWithStudents(out _, out _, out _);
        var dosage = Dosage.For(Plan, minutes, activities);
        Assert.Equal([expected], schoolClass.CheckRecording(2, 6, new DateOnly(2026, 3, 10), LessonRecordingTests.Officer(), Today, dosage: dosage));
        var error = Assert.Throws<ClassRuleException>(() => schoolClass.RecordLesson(2, 6, new DateOnly(2026, 3, 10), LessonRecordingTests.Officer(), Today,
            new HashSet<int>(), null, DateTimeOffset.UnixEpoch, dosage: dosage));
        Assert.Equal(expected, error.Rule);
        Assert.Empty(schoolClass.Deliveries);
    }

    [Fact]
    public void Should_let_only_the_regions_manager_or_a_mentor_of_the_component_in_the_region_observe()
    {
        var (schoolClass, _) = Recorded(Officer(1, regionId: 5, CertificationLevel.Instructor));
        Assert.Null(Observation.CheckObserver(schoolClass, 5, null, managerRegionId: 5, Today));
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, null, managerRegionId: 6, Today));
        Assert.Null(Observation.CheckObserver(schoolClass, 5, Officer(2, 5, CertificationLevel.Mentor), null, Today));
        Assert.Null(Observation.CheckObserver(schoolClass, 5, Officer(3, 5, CertificationLevel.Trainer), null, Today));
        // An instructor-level officer, a mentor still provisional, a mentor of another region, or nobody: no.
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, Officer(4, 5, CertificationLevel.Instructor), null, Today));
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, Officer(5, 5, CertificationLevel.Mentor, signedOff: false), null, Today));
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, Officer(6, 7, CertificationLevel.Mentor), null, Today));
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, null, null, Today));
        // A mentor of another component is no mentor here.
        var otherComponent = Officer(8, 5, CertificationLevel.Mentor, component: "MS");
        Assert.Equal(ObservationRule.NotObserver, Observation.CheckObserver(schoolClass, 5, otherComponent, null, Today));
    }

    [Fact]
    public void Should_refuse_an_observation_of_an_unrecorded_or_own_lesson_or_with_values_out_of_range()
    {
        var mentor = Officer(2, 5, CertificationLevel.Mentor);
        var (_, delivery) = Recorded(Officer(1, 5, CertificationLevel.Instructor));
        Assert.Empty(Observation.CheckContent(delivery, Plan, mentor, 45, Good, new HashSet<int> { 1, 2 }));
        Assert.Equal([ObservationRule.NotRecorded], Observation.CheckContent(null, Plan, mentor, 45, Good, new HashSet<int>()));
        var (_, own) = Recorded(mentor);
        Assert.Equal([ObservationRule.OwnLesson], Observation.CheckContent(own, Plan, mentor, 45, Good, new HashSet<int>()));
        foreach (var score in new[] { 0, 5 })
        {
            var scores = new Dictionary<RubricPart, int>(Good) { [RubricPart.Engagement] = score };
            Assert.Equal([ObservationRule.RubricOutOfRange], Observation.CheckContent(delivery, Plan, mentor, 45, scores, new HashSet<int>()));
        }
        var missing = new Dictionary<RubricPart, int>(Good);
        missing.Remove(RubricPart.ContentAccuracy);
        Assert.Equal([ObservationRule.RubricOutOfRange], Observation.CheckContent(delivery, Plan, mentor, 45, missing, new HashSet<int>()));
        Assert.Equal([ObservationRule.MinutesOutOfRange], Observation.CheckContent(delivery, Plan, mentor, 0, Good, new HashSet<int>()));
        Assert.Equal([ObservationRule.MinutesOutOfRange], Observation.CheckContent(delivery, Plan, mentor, 241, Good, new HashSet<int>()));
        Assert.Equal([ObservationRule.NoSuchActivity], Observation.CheckContent(delivery, Plan, mentor, 45, Good, new HashSet<int> { 5 }));
        Assert.Equal(ObservationRule.OwnLesson, Assert.Throws<ObservationRuleException>(() =>
            Observation.Record(own, Plan, mentor, "u", "Mentor", 45, Good, new HashSet<int>(), null, null, ObservationOutcome.Pass, DateTimeOffset.UnixEpoch)).Rule);
    }

    [Fact]
    public void Should_go_from_provisional_to_active_only_through_the_assigned_mentors_passing_sign_off()
    {
        var officer = Officer(1, 5, CertificationLevel.Instructor, signedOff: false);
        var certification = officer.Certifications.Single();
        Assert.Equal(CertificationStatus.Provisional, certification.StatusOn(Today));
        Assert.True(officer.MayTeach("ELEM", Today)); // provisional officers teach and record
        Assert.True(certification.IsOverdueForObservation(Today, 6)); // certified in January 2025
        Assert.False(certification.IsOverdueForObservation(new DateOnly(2025, 7, 20), 6));

        var mentor = Officer(2, 5, CertificationLevel.Mentor);
        var otherMentor = Officer(3, 5, CertificationLevel.Mentor);
        Assert.Equal(CertificationRule.MentorIsOfficer, certification.CheckMentor(officer, Today));
        Assert.Equal(CertificationRule.MentorNotQualified, certification.CheckMentor(Officer(4, 5, CertificationLevel.Instructor), Today));
        certification.AssignMentor(mentor, Today);
        Assert.Equal((2, Today), (certification.MentorId, certification.MentorAssignedOn));

        var (schoolClass, delivery) = Recorded(officer);
        Observation Observe(Instructor? by, ObservationOutcome outcome) =>
            Observation.Record(delivery, Plan, by, "u", "Observer", 45, Good, Plan.AllActivities, "Clear", null, outcome, DateTimeOffset.UnixEpoch);
        Assert.Equal(ObservationRule.SignOffNotMentor, certification.CheckSignOff(Observe(otherMentor, ObservationOutcome.Pass), "ELEM", Today));
        Assert.Equal(ObservationRule.SignOffNotMentor, certification.CheckSignOff(Observe(null, ObservationOutcome.Pass), "ELEM", Today));
        Assert.Equal(ObservationRule.SignOffNeedsPass, certification.CheckSignOff(Observe(mentor, ObservationOutcome.NeedsFollowUp), "ELEM", Today));
        Assert.Equal(ObservationRule.SignOffNotProvisional, certification.CheckSignOff(Observe(mentor, ObservationOutcome.Pass), "MS", Today));
        Assert.Equal(CertificationStatus.Provisional, certification.StatusOn(Today));

        var passed = Observe(mentor, ObservationOutcome.Pass);
        certification.SignOff(passed, schoolClass.ComponentCode, Today);
        Assert.Same(passed, certification.SignOffObservation);
        Assert.Equal(delivery.TaughtOn, certification.MentoredOn);
        Assert.Equal(CertificationStatus.Active, certification.StatusOn(Today));
        Assert.False(certification.IsOverdueForObservation(Today, 6));
        Assert.Equal(ObservationRule.SignOffNotProvisional, certification.CheckSignOff(Observe(mentor, ObservationOutcome.Pass), "ELEM", Today));
        Assert.Equal(CertificationRule.NotProvisional, certification.CheckMentor(otherMentor, Today));
    }

    [Fact]
    public void Should_grant_new_instructors_provisionally_and_mentors_and_trainers_in_full()
    {
        var officer = new Instructor { Id = 9, GivenName = "Ana", FamilyName = "López", BadgeNumber = "B9", Email = "a@example.org" };
        Assert.Equal(CertificationStatus.Provisional, officer.Grant("ELEM", CertificationLevel.Instructor, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today).StatusOn(Today));
        Assert.Equal(CertificationStatus.Active, officer.Grant("MS", CertificationLevel.Mentor, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today).StatusOn(Today));
        Assert.Equal(CertificationStatus.Active, officer.Grant("FAM", CertificationLevel.Trainer, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today).StatusOn(Today));
        Assert.True(officer.MayMentor("MS", Today));
    }

    [Fact]
    public void Should_let_only_the_observed_officer_acknowledge_once()
    {
        var (_, delivery) = Recorded(Officer(1, 5, CertificationLevel.Instructor));
        var observation = Observation.Record(delivery, Plan, Officer(2, 5, CertificationLevel.Mentor), "u", "Mentor", 45, Good, new HashSet<int> { 1 },
            null, "  More time for the game  ", ObservationOutcome.NeedsFollowUp, DateTimeOffset.UnixEpoch);
        Assert.Equal(("1", 1, 4, "More time for the game"), (observation.ActivitiesSeen, observation.ActivityNumbersSeen.Count, observation.ActivitiesPlanned, observation.Suggestions));
        Assert.Equal(ObservationRule.NotObservedOfficer, Assert.Throws<ObservationRuleException>(() => observation.Acknowledge(2, DateTimeOffset.UnixEpoch)).Rule);
        observation.Acknowledge(1, DateTimeOffset.UnixEpoch.AddDays(1));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), observation.AcknowledgedAt);
        Assert.Equal(ObservationRule.AlreadyAcknowledged, Assert.Throws<ObservationRuleException>(() => observation.Acknowledge(1, DateTimeOffset.UnixEpoch)).Rule);
    }
}
