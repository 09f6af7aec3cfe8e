"""Papelógrafo entry point: `python main.py --help`."""
import sys

from facilitator.app import main

if __name__ == "__main__":
    sys.exit(main())
