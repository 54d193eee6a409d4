import platform

print("Hello from the sandbox!")
print("Python", platform.python_version())
