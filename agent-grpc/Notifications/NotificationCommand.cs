namespace Fleet.Agent.Notifications;

/// <summary>One way to show a desktop notification: a program and its arguments, never a shell string.</summary>
public sealed record NotificationCommand(string Program, IReadOnlyList<string> Arguments);
