namespace Great.Web.Domain;

/// <summary>
/// The longest text each kind of field holds: one definition, used by the database columns, the validators and
/// the forms' maxlength (and by the messages that name the limit).
/// </summary>
public static class FieldLengths
{
    /// <summary>A person's given or family name, a region, a municipality.</summary>
    public const int ShortName = 100;
    /// <summary>A school, an agency, a place, a classroom teacher, a person's full name.</summary>
    public const int Name = 200;
    /// <summary>A school code, a badge number, a phone number.</summary>
    public const int Code = 40;
    /// <summary>A grade, a section, a component code or edition.</summary>
    public const int Label = 20;
    /// <summary>A reason a person gives (suspension, revocation, deleting a record), a list of trainers.</summary>
    public const int Reason = 500;
    /// <summary>An officer's notes on a lesson.</summary>
    public const int Notes = 2000;
    public const int Email = 256;
    /// <summary>What a search box reads: longer text is cut, never an error.</summary>
    public const int Search = 100;
    public const int LocalId = 64;
    /// <summary>A web address (a roster service, a token server).</summary>
    public const int Url = 500;
}
