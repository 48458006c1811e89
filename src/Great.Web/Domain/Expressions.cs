using System.Linq.Expressions;

namespace Great.Web.Domain;

/// <summary>Rules written once as expressions (for the database) and combined into larger ones.</summary>
internal static class Expressions
{
    /// <summary>The rule's body, about <paramref name="subject"/> instead of its own parameter.</summary>
    public static Expression WithParameter<T>(this Expression<Func<T, bool>> rule, Expression subject) =>
        new Replace(rule.Parameters[0], subject).Visit(rule.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
