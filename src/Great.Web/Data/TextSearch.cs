using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Data;

/// <summary>
/// Search boxes match the way people type: in any case ("antigua" finds "Antigua"). PostgreSQL's LIKE minds case,
/// so there it is ILIKE; SQLite's LIKE ignores the case of unaccented letters only ("única" does not find "Única").
/// What is typed is found as typed: LIKE's wildcards (% and _) and the escape character are escaped, so "50%" finds
/// "50%" and "_" does not match every row.
/// </summary>
public static class TextSearch
{
    public static IQueryable<T> WhereContains<T>(this IQueryable<T> query, GreatDbContext db, string text, Expression<Func<T, string>> searched)
    {
        var pattern = $"%{Escape(text.Trim())}%";
        Expression<Func<string, bool>> match = db.Database.IsNpgsql()
            ? value => EF.Functions.ILike(value, pattern, EscapeCharacter)
            : value => EF.Functions.Like(value, pattern, EscapeCharacter);
        var body = new Substitute(match.Parameters[0], searched.Body).Visit(match.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, searched.Parameters));
    }

    private const string EscapeCharacter = "\\";

    internal static string Escape(string text) =>
        text.Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter).Replace("%", EscapeCharacter + "%").Replace("_", EscapeCharacter + "_");

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>A filter by days as a person types them, on a moment kept in UTC: the pages that list events show UTC times.</summary>
public static class UtcDays
{
    /// <summary>Rows from the start of <paramref name="from"/> to the end of <paramref name="to"/> (either may be missing), in UTC.</summary>
    public static IQueryable<T> WithinUtcDays<T>(this IQueryable<T> query, DateOnly? from, DateOnly? to, Expression<Func<T, DateTimeOffset>> at)
    {
        if (from is { } first) query = query.Where(Compare(at, ExpressionType.GreaterThanOrEqual, StartOf(first)));
        if (to is { } last && last < DateOnly.MaxValue) query = query.Where(Compare(at, ExpressionType.LessThan, StartOf(last.AddDays(1))));
        return query;
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    // The moment goes in as a captured value, so EF sends it as a parameter (through the provider's converter).
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTimeOffset>> at, ExpressionType comparison, DateTimeOffset moment)
    {
        Expression<Func<DateTimeOffset>> captured = () => moment;
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(comparison, at.Body, captured.Body), at.Parameters);
    }
}
