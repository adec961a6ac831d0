"""The notifications service: mails about ratings, coaching, rewards and complaints."""
