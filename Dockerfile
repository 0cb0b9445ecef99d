FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app && mkdir -p /data/media /backups && chown app /data/media /backups
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e . && python manage.py compilemessages -v0 --ignore=.venv \
    && SECRET_KEY=build DEBUG=0 python manage.py collectstatic --noinput -v0 && chown -R app /app
USER app
VOLUME ["/data/media", "/backups"]
EXPOSE 8000
CMD ["gunicorn", "mchch.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2"]
