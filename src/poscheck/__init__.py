"""poscheck: is this POS-terminal provider legitimate, and what does its offer really cost?"""

__version__ = "0.1.0"
