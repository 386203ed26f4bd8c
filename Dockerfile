# The pack as a single-user image for JupyterHub (Zero to JupyterHub on Kubernetes; see
# docs/teaching.md). Built on Jupyter's docker-stacks base image (JupyterLab 4, Notebook 7,
# jupyterhub-singleuser), it runs the same binder/environment.yml and binder/postBuild as
# Binder does, so the Binder replay test covers this build too. The pack lives at a fixed path,
# /srv/backprop-lessons; each learner's own copy of the lessons lives in their home.
#
#   docker build -t backprop-lessons .
#   docker run --rm -p 127.0.0.1:8888:8888 backprop-lessons        (one learner, no hub)
# a dated tag of docker-stacks (moving tags such as latest change under you); bump it deliberately
FROM quay.io/jupyter/base-notebook:2025-03-14

ENV PACK=/srv/backprop-lessons
USER root
RUN mkdir -p "$PACK" && chown "${NB_UID}:${NB_GID}" "$PACK"
USER ${NB_UID}

# Node and plotly from conda-forge, into the image's environment (as repo2docker would)
COPY --chown=${NB_UID}:${NB_GID} binder/environment.yml "$PACK/binder/environment.yml"
RUN mamba env update --name base --file "$PACK/binder/environment.yml" && mamba clean --all --force-pkgs-dirs --yes

# The pack, then the same build step as Binder: npm ci, compile src/ to dist/, drop test tools
COPY --chown=${NB_UID}:${NB_GID} . "$PACK"
RUN "$PACK/binder/postBuild"

# The project's kernel for every Jupyter process of the image; binder/start adds it again (harmless)
ENV JUPYTER_PATH=/srv/backprop-lessons/jupyter
# Each learner's copy: lessons copied into their home at the first start, node_modules linked,
# the server's root there (binder/start). Set it empty to serve the pack itself, read-only.
ENV BACKPROP_LESSONS_WORKDIR=/home/jovyan/backprop-lessons

# docker-stacks' start.sh runs its hooks, then binder/start, then the command given
# (start-notebook.py here; jupyterhub-singleuser under JupyterHub)
ENTRYPOINT ["tini", "-g", "--", "start.sh", "/srv/backprop-lessons/binder/start"]
CMD ["start-notebook.py"]
WORKDIR /home/jovyan
